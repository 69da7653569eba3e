/* global module */
/**
 * @file Stands in for @tensorflow/tfjs-backend-wasm, which face-api's Node build re-exports but which is not
 * installed: the reference runs on the tfjs CPU backend, so face-api only needs the module to exist.
 */
module.exports = { setWasmPaths() {}, version_wasm: 'not-installed' }
