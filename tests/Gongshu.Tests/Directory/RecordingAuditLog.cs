using System.Collections.Concurrent;
using System.Text.Json;
using Gongshu.Audit;

namespace Gongshu.Tests.DirectoryTests;

/// <summary>An in-memory audit log that keeps what it is given, so tests can assert what was audited.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();
    private readonly ConcurrentDictionary<(string, string), byte> _nonces = new();

    public IReadOnlyList<AuditEntry> Entries => [.. _entries];

    public Task AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<bool> AppendSpendingNonceAsync(AuditEntry entry, RequestNonce nonce, CancellationToken ct = default)
    {
        var fresh = _nonces.TryAdd((nonce.AppKey, nonce.Nonce), 0);
        _entries.Enqueue(fresh ? entry : nonce.Replayed);
        return Task.FromResult(fresh);
    }

    public IReadOnlyList<AuditEntry> Where(string action, AuditOutcome? outcome = null)
        => Entries.Where(e => e.Action == action && (outcome is null || e.Outcome == outcome)).ToList();

    /// <summary>The <c>reason</c> recorded in the detail of each refusal of <paramref name="action"/>, in order.</summary>
    public IReadOnlyList<string> Reasons(string action)
        => Entries.Where(e => e.Action == action && e.Outcome != AuditOutcome.Success && e.Detail is not null)
            .Select(e => JsonDocument.Parse(e.Detail!).RootElement.GetProperty("reason").GetString()!)
            .ToList();
}
