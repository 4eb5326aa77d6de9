// An in-page confirmation on the page's <dialog>: modal (the rest of the page is inert), Escape cancels, focus
// starts on the safe choice and goes back to the button that opened it.

/** What the dialog asks. */
export interface ConfirmQuestion {
  title: string;
  text: string;
  /** The label of the button that goes ahead, e.g. `Uninstall`. */
  confirmLabel: string;
}

/** The page's confirmation dialog: `#confirm` with `#confirm-title`, `#confirm-text`, `#confirm-cancel`, `#confirm-accept`. */
export class ConfirmDialog {
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly cancel: HTMLButtonElement;
  private readonly accept: HTMLButtonElement;

  constructor(private readonly dialog: HTMLDialogElement) {
    const part = <T extends HTMLElement>(selector: string): T => {
      const found = dialog.querySelector<T>(selector);
      if (found === null) {
        throw new Error(`The confirmation dialog has no ${selector}`);
      }
      return found;
    };
    this.title = part('#confirm-title');
    this.text = part('#confirm-text');
    this.cancel = part<HTMLButtonElement>('#confirm-cancel');
    this.accept = part<HTMLButtonElement>('#confirm-accept');
    this.cancel.addEventListener('click', () => dialog.close('cancel'));
    this.accept.addEventListener('click', () => dialog.close('confirm'));
  }

  /**
   * Asks `question`; resolves `true` when the user confirms, `false` on Cancel or Escape (or when the dialog is
   * closed from code, e.g. on sign-out). Focus goes back to `opener` either way.
   */
  ask(question: ConfirmQuestion, opener: HTMLElement): Promise<boolean> {
    if (this.dialog.open) {
      // Modal: nothing outside it can ask while it is open.
      return Promise.resolve(false);
    }
    this.title.textContent = question.title;
    this.text.textContent = question.text;
    this.accept.textContent = question.confirmLabel;
    this.dialog.returnValue = '';
    this.dialog.showModal();
    this.cancel.focus();
    return new Promise((resolve) => {
      this.dialog.addEventListener(
        'close',
        () => {
          if (opener.isConnected) {
            opener.focus();
          }
          resolve(this.dialog.returnValue === 'confirm');
        },
        { once: true },
      );
    });
  }

  /** Closes the dialog as a Cancel, when it is open. */
  dismiss(): void {
    if (this.dialog.open) {
      this.dialog.close('cancel');
    }
  }
}
