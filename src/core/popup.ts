export interface PopupSize {
  width: number;
  height: number;
}

/** `window.open` features for a popup of `size` centred over the opener window. */
export function centredPopupFeatures(opener: Window, size: PopupSize): string {
  const width = Math.round(size.width);
  const height = Math.round(size.height);
  const left = Math.round(opener.screenX + Math.max(0, (opener.outerWidth - width) / 2));
  const top = Math.round(opener.screenY + Math.max(0, (opener.outerHeight - height) / 2));
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}

export function closeQuietly(popup: Window | null | undefined): void {
  try {
    if (popup && !popup.closed) popup.close();
  } catch {
    // A popup the browser already tore down can throw on access; it is closed either way.
  }
}
