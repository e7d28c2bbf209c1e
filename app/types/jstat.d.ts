/** The few jStat functions this app uses (jstat ships no type declarations; it is CommonJS: default import). */
declare module "jstat" {
  const pkg: {
    jStat: {
      normal: { inv(p: number, mean: number, sd: number): number; cdf(x: number, mean: number, sd: number): number };
      chisquare: { cdf(x: number, df: number): number };
    };
  };
  export default pkg;
}
