/**
 * Whether the page was opened from a share link. Apart from share.ts so that the loader, which
 * needs only this, does not bring the link's decoder and its checks onto every page.
 */
export const linkPrefix = '#play=';

export const urlSharesSomething = () => location.hash.startsWith(linkPrefix);
