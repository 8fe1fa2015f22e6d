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

/** Opens a blank, centred popup. Must run inside the click, before any await, or browsers block it. */
export function openCentredPopup(opener: Window, size: PopupSize): Window | null {
  return opener.open('about:blank', '_blank', centredPopupFeatures(opener, size));
}

export function closeQuietly(popup: Window | null | undefined): void {
  try {
    if (popup && !popup.closed) popup.close();
  } catch {
    // A popup the browser already tore down can throw on access; it is closed either way.
  }
}
