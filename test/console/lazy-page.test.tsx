import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useEffect } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { translator, type T } from '../../console/i18n';
import { en } from '../../shared/i18n/catalog';
import { lazyPage } from '../../console/ui/lazy-page';

const host = document.createElement('div');
document.body.append(host);
afterEach(() => render(null, host));

const t = translator(en);

describe('lazyPage with a prepare hook', () => {
  it("starts the page's data while its chunk is still on the way, and hands the page what prepare made", async () => {
    const asked: string[] = [];
    let arrive!: () => void;
    const chunk = new Promise<void>((resolve) => (arrive = resolve));
    const Page = ({ answer }: { t: T; answer: string }) => <p data-testid="page">{answer}</p>;
    const Route = lazyPage(
      () => chunk.then(() => Page),
      function usePrepared({ question }: { t: T; question: string }) {
        useEffect(() => void asked.push(question), [question]);
        return { t, answer: `answer to ${question}` };
      },
    );
    act(() => render(<Route t={t} question="the sheet" />, host));
    // Asked before the chunk came: the page says it is loading meanwhile.
    expect(asked).toEqual(['the sheet']);
    expect(host.querySelector('[data-testid=page]')).toBeNull();
    expect(host.querySelector('[role=status]')?.textContent).toBe(t('console.page.loading'));
    await act(async () => {
      arrive();
      // The import's answer passes through two promise handlers before the page re-renders.
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(host.querySelector('[data-testid=page]')?.textContent).toBe('answer to the sheet');
    expect(asked).toEqual(['the sheet']);
  });
});
