// webpack emits the file and gives its URL for `new URL('<package file>', import.meta.url)`.
export default new URL('gmm-wasm/gmm.wasm', import.meta.url).href;
