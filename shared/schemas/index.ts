/** Every shared schema; bundles with a size budget (the widget) import the single files instead. */
export * from './enums';
export * from './error-codes';
export * from './common';
export * from './refinements';
export * from './attachment';
export * from './page-context';
export * from './reporter';
export * from './clip';
export * from './record';
export * from './submission';
export * from './problem';
export * from './survey';
export * from './sync';
export * from './record-query';
export * from './record-commands';
export * from './staff';
export * from './adapter';
