/**
 * The `onClose` of a dialog that holds what the user typed (a letter, a reason, a note): a click
 * beside it does not close it (the text would go with it), nor Escape while it is saving (the
 * outcome would be shown to no one). Escape otherwise, and Cancel, still close it.
 */
export function keepTypedOnClose(onClose: () => void, busy = false) {
  return (_event: unknown, reason: 'backdropClick' | 'escapeKeyDown') => {
    if (reason === 'backdropClick' || busy) return;
    onClose();
  };
}
