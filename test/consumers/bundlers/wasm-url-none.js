// Rollup needs a plugin to emit a file (e.g. @rollup/plugin-url): this page fits the full entry only.
export default null;
