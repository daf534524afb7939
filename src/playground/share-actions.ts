/**
 * The tools that take the code elsewhere: Copy, Share (a link with the code, the action and the
 * toolbar's settings, share.ts) and Go Playground (go.dev/play takes no code in a link, so the
 * code goes on the clipboard and the link opens the page).
 */
import { formatNumber } from '../results-view/index.ts';
import type { CodeView } from './code-view.ts';
import { copyText, h } from './dom.ts';
import type { BakedPayload } from './payload.ts';
import { maxLinkLength, shareLink } from './share.ts';
import type { StatusLine } from './status.ts';
import type { ToolbarControls } from './toolbar-controls.ts';
import { actionLabels } from './toolbar.ts';
import type { Variant } from './variants.ts';

export interface ShareContext {
	payload: BakedPayload;
	variant: Variant;
	code: CodeView;
	toolbar: ToolbarControls;
	status: StatusLine;
}

const goPlaygroundLimits = 'It runs programs and tests, but has no escape analysis and refuses benchmarks.';

export function shareActions({ payload, variant, code, toolbar, status }: ShareContext) {
	return {
		async copy(): Promise<void> {
			const file = code.files[payload.file] !== undefined ? payload.file : Object.keys(code.files)[0]!;
			const ok = await copyText(code.files[file] ?? '');
			status.say('note', ok ? `Copied ${file} to the clipboard.` : 'The clipboard is not available here; select the code and copy it.');
		},

		async goPlayground(): Promise<void> {
			// One file as it is; several as txtar, which the Go Playground reads.
			const files = variant.requestFiles(code.files);
			const names = Object.keys(files);
			const ok = await copyText(names.length === 1 ? files[names[0]!]! : names.map((n) => `-- ${n} --\n${files[n]}`).join('\n'));
			status.say(
				'note',
				ok
					? `The Go Playground opened in a new tab, and the code is on your clipboard: paste it there. ${goPlaygroundLimits}`
					: `The Go Playground opened in a new tab; copy the code here and paste it there. ${goPlaygroundLimits}`,
			);
		},

		async share(): Promise<void> {
			const edited = !variant.recorded(code.key);
			const action = toolbar.action;
			const link = await shareLink({ id: payload.id, src: payload.src, action, options: toolbar.settings(), ...(edited ? { files: { ...code.files } } : {}) });
			if (!link.fits) {
				status.say(
					'caution',
					`This code is too large for a link: it would be ${formatNumber(link.length)} characters, and share links are kept under ${formatNumber(maxLinkLength)} so that chat and mail pass them on intact. Use Copy and send the code itself.`,
				);
				return;
			}
			history.replaceState(history.state, '', link.url);
			const copied = await copyText(link.url);
			const input = h('input', { type: 'text', readonly: true, value: link.url, 'aria-label': 'Share link' });
			const said = copied ? `Link copied (${edited ? 'your code' : 'this snippet'} and the ${actionLabels[action]} action):` : 'Copy this link:';
			status.show(h('div', { class: 'pg-note pg-share', 'data-share': '' }, h('span', {}, said), input));
			input.select();
		},
	};
}
