import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { T } from '../i18n';
import type { Locale } from '../../shared/i18n/locale';
import { Reports } from '../models/reports';
import { useModel } from './use-model';

type PageModule = typeof import('./report-page');
let loading: Promise<PageModule> | null = null;

/** Props of ReportLoader. */
export interface ReportLoaderProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  /** Open a record's page by its number. */
  onOpenRecord(recordNumber: string): void;
}

/**
 * The reports page with its model, the page's code fetched the first time it is opened: its tables
 * and styles stay out of the console's first load once the build splits code (bundled in place
 * until then). The first report loads as the page opens.
 */
export function ReportLoader({ api, timeZone, ...props }: ReportLoaderProps) {
  const model = useModel(() => new Reports(api, timeZone, () => new Date()));
  const [page, setPage] = useState<PageModule | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    void model.load();
    loading ??= import('./report-page').catch((error: unknown) => {
      loading = null;
      throw error;
    });
    let live = true;
    loading.then((m) => live && setPage(m)).catch(() => live && setFailed(true));
    return () => void (live = false);
  }, [model]);
  if (failed)
    return (
      <main id="main" class="page">
        <p class="banner banner-error" role="alert">
          {props.t('report.failed', { code: 'network_error' })}
        </p>
      </main>
    );
  if (!page) return <main id="main" class="page" aria-busy="true" aria-label={props.t('report.loading')} />;
  return <page.ReportPage {...props} timeZone={timeZone} model={model} />;
}
