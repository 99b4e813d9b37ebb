import { useEffect, useMemo } from 'preact/hooks';

/** A model made once for a component's life and disposed (its effects stopped) when the component goes. */
export function useModel<M extends { [Symbol.dispose](): void }>(make: () => M): M {
  const model = useMemo(make, []);
  useEffect(() => () => model[Symbol.dispose](), [model]);
  return model;
}
