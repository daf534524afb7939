/**
 * Share links: the code and the action in the URL fragment, `#play=<data>`, where data is a
 * SharedPayload (payload.ts) as JSON, deflated (the browser's CompressionStream) and
 * base64url-encoded. A fragment never reaches a server, so nothing is stored anywhere and the link
 * works on any copy of the site; a link edited by hand is checked like any payload.
 *
 * A link to an unedited snippet carries no code, only which snippet and which action. Links are
 * kept under `maxLinkLength` characters, which chat tools, mail clients and browsers all pass
 * through; code that does not fit (roughly 25–30 KB of Go) is not shared as a link: the reader is
 * told to copy it instead.
 */
import { readPayload, type Parsed, type SharedPayload } from './payload.ts';
import { linkPrefix as prefix } from './share-fragment.ts';

export const maxLinkLength = 8000;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
	const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64url(bytes: Uint8Array): string {
	let bin = '';
	for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(s: string): Uint8Array {
	const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** The link for `shared` on this page, and whether it fits in maxLinkLength. */
export async function shareLink(shared: Omit<SharedPayload, 'v'>): Promise<{ url: string; length: number; fits: boolean }> {
	const payload: SharedPayload = { v: 1, ...shared };
	const json = new TextEncoder().encode(JSON.stringify(payload));
	const data = toBase64url(await pipe(json, new CompressionStream('deflate-raw')));
	const url = `${location.origin}${location.pathname}${prefix}${data}`;
	return { url, length: url.length, fits: url.length <= maxLinkLength };
}

let decoded: Promise<Parsed<SharedPayload>> | null = null;

/** What the page's URL shares, decoded once per page: null when it shares nothing, the problem when the link is damaged or malformed. */
export function sharedInUrl(): Promise<Parsed<SharedPayload>> | null {
	if (!location.hash.startsWith(prefix)) return null;
	decoded ??= (async (): Promise<Parsed<SharedPayload>> => {
		let text: string;
		try {
			text = new TextDecoder().decode(await pipe(fromBase64url(location.hash.slice(prefix.length)), new DecompressionStream('deflate-raw')));
		} catch {
			return { ok: false, problem: 'the link may have been cut short' };
		}
		return readPayload('link', text);
	})();
	return decoded;
}
