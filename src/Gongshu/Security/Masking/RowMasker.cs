namespace Gongshu.Security.Masking;

/// <summary>
/// The masking of one delivery, compiled once from its columns, channel and policy, then applied
/// to every row in place. <see cref="Describe"/> and <see cref="PolicyFingerprint"/> are what the
/// delivery's audit entry records. Thread-safe: one masker may serve rows from several threads.
/// </summary>
public sealed class RowMasker
{
    private readonly ColumnMasker[] _columns;
    private readonly int[] _masked;

    private RowMasker(MaskingChannel channel, MaskingPolicy policy, ColumnMasker[] columns)
    {
        Channel = channel;
        PolicyFingerprint = policy.Fingerprint;
        _columns = columns;
        _masked = [.. Enumerable.Range(0, columns.Length).Where(i => !columns[i].KeepsValues)];
    }

    public MaskingChannel Channel { get; }

    /// <summary>The <see cref="MaskingPolicy.Fingerprint"/> of the policy the masker was compiled from.</summary>
    public string PolicyFingerprint { get; }

    /// <summary>One masker per column, in the row's order.</summary>
    public IReadOnlyList<ColumnMasker> Columns => _columns;

    /// <summary>True when no column is changed, so rows can go out as they are.</summary>
    public bool KeepsAll => _masked.Length == 0;

    /// <summary>
    /// Resolves each column's technique in <paramref name="policy"/> for <paramref name="channel"/>.
    /// <paramref name="scopeKey"/> is the pseudonymization key of this delivery's scope, from
    /// <see cref="Pseudonymizer.DeriveScopeKey"/> (one per grant or per consumer: the same scope gives
    /// the same token for the same value, so the consumer's joins work; other scopes get tokens that
    /// cannot be linked); it is needed only when a column is pseudonymized. Age bands are counted at
    /// <paramref name="asOf"/>, by default today in China.
    /// </summary>
    public static RowMasker Compile(IReadOnlyList<MaskingColumn> columns, MaskingChannel channel, MaskingPolicy policy, byte[]? scopeKey, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(policy);
        var techniques = columns.Select(c => policy.Resolve(channel, c.Grade, c.Type, c.Granted)).ToArray();
        Pseudonymizer? pseudonymizer = null;
        if (techniques.Any(t => t is MaskTechnique.Pseudonymize))
        {
            pseudonymizer = scopeKey is null
                ? throw new ArgumentException("A column of this delivery is pseudonymized, so it needs the scope's pseudonymization key.", nameof(scopeKey))
                : new Pseudonymizer(scopeKey);
        }

        var day = asOf ?? ColumnMasker.TodayInChina();
        return new RowMasker(channel, policy, [.. columns.Select((c, i) => ColumnMasker.Create(c, techniques[i], pseudonymizer, day))]);
    }

    /// <summary>Masks <paramref name="row"/> (one value per column, in order) in place.</summary>
    public void Apply(Span<object?> row)
    {
        if (row.Length != _columns.Length)
        {
            throw new ArgumentException($"The row has {row.Length} values for {_columns.Length} columns.", nameof(row));
        }

        foreach (var i in _masked)
        {
            row[i] = _columns[i].Apply(row[i]);
        }
    }

    /// <summary>Each column and its technique: <c>id_number: partial(6,4)</c>, <c>name: surname</c>.</summary>
    public IReadOnlyList<string> Describe() => [.. _columns.Select(c => c.Describe())];
}
