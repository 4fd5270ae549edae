// No configuration: gmm-wasm needs none, in a server route either.
export default {};
