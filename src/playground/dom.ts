/** Small DOM helpers the island's modules share. */

/** A tiny element builder: h('button', { class: 'x', onclick }, 'text'). */
export function h<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	props: Record<string, unknown> = {},
	...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(props)) {
		if (v === undefined || v === false) continue;
		if (k.startsWith('on')) el.addEventListener(k.slice(2), v as EventListener);
		else if (k in el && k !== 'list') (el as unknown as Record<string, unknown>)[k] = v;
		else el.setAttribute(k, v === true ? '' : String(v));
	}
	el.append(...children);
	return el;
}

/** Copies text; false when neither the Clipboard API nor the old execCommand path is allowed. */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		// The Clipboard API needs a secure context and permission; a selected textarea needs neither.
		const ta = h('textarea', { value: text, readonly: true, style: 'position:fixed;opacity:0' });
		document.body.append(ta);
		ta.select();
		const ok = document.execCommand('copy');
		ta.remove();
		return ok;
	}
}

/** The modifier key readers know: ⌘ on Apple devices. */
export const modifierKey = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
