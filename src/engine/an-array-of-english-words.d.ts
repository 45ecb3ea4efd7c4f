/** The package's main is index.json: an array of lower-case English words. */
declare module 'an-array-of-english-words' {
  const words: readonly string[];
  export default words;
}
