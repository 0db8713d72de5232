/** Where Debian's Chromium is (`CHROMIUM_PATH` overrides). */
export declare const chromiumPath: string;
/** Returns the Chromium path, installing Debian's `chromium` with apt-get (as root) when missing. */
export declare function ensureChromium(): string;
