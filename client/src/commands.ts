/** Command ids, as contributed in the manifest. */
export const RESTART_SERVER_COMMAND = 'asyncsense.restartServer';
export const SHOW_OUTPUT_COMMAND = 'asyncsense.showOutput';
