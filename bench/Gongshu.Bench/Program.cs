using Gongshu.Bench;

// Each benchmark is a verb: `dotnet run -c Release --project bench/Gongshu.Bench -- <verb> [options]`.
// bench/run.sh starts a throwaway PostgreSQL and runs them all side by side with their baselines.
var verbs = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["bulk"] = BulkAppendBench.RunAsync,
    ["audit"] = AuditBench.RunAsync,
    ["ingest"] = IngestBench.RunAsync,
    ["search"] = CatalogSearchBench.RunAsync,
    ["ckan"] = CkanBench.RunAsync,
    ["fieldcrypto"] = FieldCryptoBench.RunAsync,
    ["detect"] = DetectionBench.RunAsync,
    ["mask"] = MaskingBench.RunAsync,
    ["rules"] = RulesBench.RunAsync,
    ["authority"] = AuthorityBench.RunAsync,
    ["gateway"] = GatewayBench.RunAsync,
    ["query"] = QueryBench.RunAsync,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Gongshu.Bench <{string.Join('|', verbs.Keys)}> [options]");
    return 2;
}

return await run(args[1..]);
