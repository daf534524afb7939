/**
 * Expressive Code plugin: shows compiler diagnostics on the lines they belong to — the token the
 * compiler points at is marked, and the messages are listed under the line. Used for the results
 * baked in at build time, so they show without JavaScript.
 *
 * The data comes in through the code block's props (`<Code … pbDiagnostics={…} />`), computed by
 * src/snippets/present.ts.
 */
import { definePlugin, ExpressiveCodeAnnotation, type AnnotationRenderOptions } from '@astrojs/starlight/expressive-code';
import { h } from '@astrojs/starlight/expressive-code/hast';
import type { PlacedDiagnostic } from '../results-view/index.ts';
import { diagnosticsSource, kindLabels, lineTone, markTone } from '../results-view/index.ts';

declare module '@expressive-code/core' {
	export interface ExpressiveCodeBlockProps {
		/** Diagnostics to show on the block's lines. */
		pbDiagnostics?: PlacedDiagnostic[];
	}
}

class TokenMark extends ExpressiveCodeAnnotation {
	readonly kind: PlacedDiagnostic['kind'];
	constructor(kind: PlacedDiagnostic['kind'], columnStart: number, columnEnd: number) {
		super({ inlineRange: { columnStart, columnEnd } });
		this.kind = kind;
	}
	render({ nodesToTransform }: AnnotationRenderOptions) {
		return nodesToTransform.map((node) => h('span', { class: `pb-mark pb-${markTone(this.kind)}` }, [node]));
	}
}

export function pluginDiagnostics() {
	return definePlugin({
		name: 'playbook-diagnostics',
		baseStyles: `
			.pb-mark { text-decoration: underline wavy; text-decoration-thickness: 1px; text-underline-offset: 3px; }
			.pb-mark.pb-alloc { text-decoration-color: var(--pb-alloc); }
			.pb-mark.pb-error { text-decoration-color: var(--pb-error); }
			.pb-mark.pb-leak { text-decoration-color: var(--pb-leak); }
			.ec-line.pb-line-alloc { background: color-mix(in srgb, var(--pb-alloc) 12%, transparent); }
			.ec-line.pb-line-error { background: color-mix(in srgb, var(--pb-error) 14%, transparent); }
			.ec-line.pb-line-leak { background: color-mix(in srgb, var(--pb-leak) 10%, transparent); }
			.pb-diags { display: block; margin: 0.15rem 0 0.35rem; padding: 0; list-style: none; white-space: normal; }
			.pb-diag { display: flex; gap: 0.5rem; align-items: baseline; font-size: 0.85em; line-height: 1.4; }
			.pb-diag .pb-kind { flex: none; font-size: 0.75em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em;
				padding: 0 0.35rem; border-radius: 0.25rem; color: var(--pb-on-soft); }
			.pb-diag.pb-alloc .pb-kind { background: var(--pb-alloc-soft); }
			.pb-diag.pb-error .pb-kind { background: var(--pb-error-soft); }
			.pb-diag.pb-leak .pb-kind { background: var(--pb-leak-soft); }
			.pb-diag .pb-msg { opacity: 0.9; }
		`,
		hooks: {
			annotateCode: ({ codeBlock }) => {
				for (const d of codeBlock.props.pbDiagnostics ?? []) {
					const line = codeBlock.getLine(d.line - 1);
					if (!line) continue;
					const end = Math.min(line.text.length, d.column + d.length);
					if (d.column < end) line.addAnnotation(new TokenMark(d.kind, d.column, end));
				}
			},
			postprocessRenderedLine: ({ codeBlock, lineIndex, renderData }) => {
				const here = (codeBlock.props.pbDiagnostics ?? []).filter((d) => d.line === lineIndex + 1);
				if (here.length === 0) return;
				const kind = lineTone(here.map((d) => d.kind));
				const ast = renderData.lineAst;
				const cls = ast.properties.className;
				ast.properties.className = [...(Array.isArray(cls) ? cls : []), `pb-line-${kind}`];
				ast.properties.dataPbLine = String(lineIndex + 1);
				// The messages go inside the line's code cell, so they line up with the code.
				const codeCell = ast.children.find((c) => c.type === 'element' && Array.isArray(c.properties.className) && c.properties.className.includes('code'));
				const target = codeCell && codeCell.type === 'element' ? codeCell : ast;
				target.children.push(
					h(
						'ul',
						// The compiler's words on the line are results, not the page's text: out of the search index.
						{ class: 'pb-diags', 'aria-label': `${diagnosticsSource(here)}, line ${lineIndex + 1}`, 'data-pagefind-ignore': '' },
						here.map((d) =>
							h('li', { class: `pb-diag pb-${markTone(d.kind)}` }, [
								h('span', { class: 'pb-kind' }, kindLabels[d.kind]),
								h('span', { class: 'pb-msg' }, d.message),
							]),
						),
					),
				);
			},
		},
	});
}
