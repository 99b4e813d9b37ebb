/** Props of LoadState: the page's texts in the reader's language, and where its data stands. */
export interface LoadStateProps {
  /** The failure's code of the last load, or null. */
  error: string | null;
  /** Whether an answer is there to show (then this shows nothing). */
  loaded: boolean;
  /** The failure in words (given the code) and the retry button's label. */
  failed(code: string): string;
  retry: string;
  /** Said while the first answer is on its way. */
  loading: string;
  onRetry(): void;
}

/**
 * A data page's states before its content: the failure with a way to try again (an alert, so a
 * screen reader hears it), or that it is loading (a status); nothing once an answer is there. A
 * failed reload keeps the last answer on screen below the alert, so the person loses nothing.
 */
export function LoadState({ error, loaded, failed, retry, loading, onRetry }: LoadStateProps) {
  if (error)
    return (
      <div class="banner banner-error" role="alert">
        {failed(error)}{' '}
        <button type="button" class="button button-small" onClick={onRetry}>
          {retry}
        </button>
      </div>
    );
  return loaded ? null : (
    <p class="muted" role="status">
      {loading}
    </p>
  );
}
