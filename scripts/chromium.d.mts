/** Flags for Chromium as root on a machine without a network. */
export declare const CHROMIUM_ARGS: readonly string[];

/**
 * The options for `chromium.launch` (or `launchPersistentContext`, with more options spread in).
 * @param executablePath - the browser to start; by default CHROMIUM_PATH, else /usr/bin/chromium.
 */
export declare function chromiumLaunchOptions(executablePath?: string): {
  executablePath: string;
  args: string[];
};

/** Whether the browser tests can run: Chromium exists, or CI=true (where a missing browser must fail). */
export declare function browserTestsRun(): boolean;
