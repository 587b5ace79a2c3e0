/** Versions of the servers the project installs for itself; the cache is keyed by them. */
export const TEMPORAL_CLI_VERSION = '1.9.1';
export const FERRETDB_VERSION = 'v1.24.2';
/** The cache key of our build of it: the module's version plus our serialized-updates patch (ferretdb.ts). */
export const FERRETDB_BUILD = `${FERRETDB_VERSION}-serialized-updates.2`;

export const TEMPORAL_CLI_GO_MODULE = 'github.com/temporalio/cli';
export const FERRETDB_GO_MODULE = 'github.com/FerretDB/FerretDB';
