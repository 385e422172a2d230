// "@tta/safety/confirm": the built-in classifier's second stage, apart from the main entry so that
// a bundler (the console's) never meets TensorFlow.js and its WebAssembly.
export { createConfirmedClassifier, loadConfirmHead, CONFIRM_HEAD_URL, type ConfirmedClassifier, type ConfirmedOptions, type ConfirmExplanation, type ConfirmOutcome, type ConfirmStats } from "./classifier/confirmed.ts";
export { startEncoderThread, type EncoderThread, type EncoderThreadOptions } from "./encoder/encoder-thread.ts";
