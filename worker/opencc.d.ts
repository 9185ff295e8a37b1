// opencc-js ships its dictionaries as string modules without type declarations.
declare module "opencc-js/dict/TSCharacters" {
  const table: string;
  export default table;
}
