import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { T } from '../i18n';
import type { Locale } from '../../shared/i18n/locale';
import { Reports } from '../models/reports';
import type { ReportPageProps } from './report-page';
import { lazyPage } from './lazy-page';
import { useModel } from './use-model';

/** Props of ReportLoader. */
export interface ReportLoaderProps {
  t: T;
  locale: Locale;
  timeZone: string;
  api: ApiClient;
  /** Open a record's page by its number. */
  onOpenRecord(recordNumber: string): void;
}

/** The reports page's model, its first report asked for as the route opens, while the page's chunk still loads. */
function useReports({ api, ...props }: ReportLoaderProps): ReportPageProps {
  const model = useModel(() => new Reports(api, props.timeZone, () => new Date()));
  useEffect(() => void model.load(), [model]);
  return { ...props, model };
}

/** The reports page: its tables and styles are a chunk of their own, fetched the first time it is opened. */
export const ReportLoader = lazyPage(() => import('./report-page').then((m) => m.ReportPage), useReports);
