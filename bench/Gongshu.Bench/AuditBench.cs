namespace Gongshu.Bench;

internal static class AuditBench
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(1);
}
