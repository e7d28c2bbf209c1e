/**
 * A bare route that renders static text inside the app shell: the benchmark's "framework ceiling"
 * (npm run bench compares the lesson page against it). Public and harmless by design.
 */
export default function BareRoute() {
  return (
    <div>
      <h1 className="text-2xl font-bold">Uplift Academy</h1>
      <p>Static text rendered by Remix, used as the framework ceiling in benchmarks.</p>
    </div>
  );
}
