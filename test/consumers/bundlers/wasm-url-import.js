// esbuild (`--loader:.wasm=file`) and `bun build` emit the imported file and give its path.
import wasmUrl from 'gmm-wasm/gmm.wasm';

export default wasmUrl;
