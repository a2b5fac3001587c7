namespace Gongshu.Security.Detection;

/// <summary>
/// What one field (a column of a dataset) was found to hold: the suggested <see cref="Type"/>,
/// how sure that is (0–1), how many values were added, how many were neither blank nor a
/// placeholder such as 无 or NULL, and how many of those matched <see cref="Type"/> (for
/// <see cref="SensitiveType.None"/>, how many matched no type).
/// </summary>
public sealed record FieldDetection(SensitiveType Type, double Confidence, int Sampled, int NonEmpty, int Matched);

/// <summary>
/// Decides a field's sensitive type from its values: each value that is neither blank nor a
/// placeholder (无, -, NULL) is tested against every type's rule, and the type matched by the
/// largest share wins when that share reaches <see cref="MinimumShare"/>
/// (<see cref="MinimumBankCardShare"/> for bank cards). The field's name and label only break near
/// ties and raise the confidence; they never make a field sensitive on their own. Keeps a counter
/// per type (well under a kilobyte however many values are added); not thread-safe.
/// </summary>
public sealed class FieldScanner
{
    /// <summary>
    /// A field is of a type when at least this share of its non-blank values match it: real
    /// columns carry typos, placeholders (无, -) and the odd other value, while look-alikes (short
    /// words read as names, district names, numbers passing Luhn) stay well below it.
    /// </summary>
    public const double MinimumShare = 0.6;

    /// <summary>
    /// Random digits of card length pass Luhn one time in ten (one in twenty-five with a card's
    /// first digit), so bank cards need a share far above chance. Not much higher: account fields
    /// also hold passbook numbers (存折账号, no Luhn check) and typos.
    /// </summary>
    public const double MinimumBankCardShare = 0.7;

    /// <summary>Shares this close count as a tie, settled by the field's name, then by <see cref="ValueDetectors.Classify"/>'s order.</summary>
    private const double TieMargin = 0.05;

    /// <summary>A hint takes away this part of the remaining doubt: 0.90 becomes 0.93.</summary>
    private const double HintWeight = 1.0 / 3;

    private static readonly SensitiveType[] Order = ValueDetectors.Priority;

    private readonly int[] _matched = new int[Enum.GetValues<SensitiveType>().Length];
    private int _sampled;
    private int _nonEmpty;
    private int _unmatched;

    public void Add(ReadOnlySpan<char> value)
    {
        _sampled++;
        var matched = ValueDetectors.MatchAll(value, out var blank);
        if (blank)
        {
            return;
        }

        _nonEmpty++;
        if (matched == 0)
        {
            _unmatched++;
            return;
        }

        for (var type = 0; matched != 0; type++, matched >>= 1)
        {
            _matched[type] += (int)(matched & 1);
        }
    }

    /// <summary>The field's type so far; <paramref name="fieldName"/> and <paramref name="label"/> may settle a near tie.</summary>
    public FieldDetection Result(string? fieldName = null, string? label = null)
    {
        if (_nonEmpty == 0)
        {
            return new FieldDetection(SensitiveType.None, 0, _sampled, 0, 0);
        }

        var best = 0.0;
        foreach (var type in Order)
        {
            if (Share(type) >= MinimumFor(type))
            {
                best = Math.Max(best, Share(type));
            }
        }

        if (best == 0)
        {
            return new FieldDetection(SensitiveType.None, (double)_unmatched / _nonEmpty, _sampled, _nonEmpty, _unmatched);
        }

        var hinted = FieldHints.Hinted(fieldName, label);
        var close = Order.Where(t => Share(t) >= MinimumFor(t) && Share(t) >= best - TieMargin).ToList();
        var chosen = close.FirstOrDefault(t => IsHinted(hinted, t), close[0]);
        var share = Share(chosen);
        var confidence = IsHinted(hinted, chosen) ? share + ((1 - share) * HintWeight) : share;
        return new FieldDetection(chosen, confidence, _sampled, _nonEmpty, _matched[(int)chosen]);
    }

    private double Share(SensitiveType type) => (double)_matched[(int)type] / _nonEmpty;

    private static double MinimumFor(SensitiveType type) => type == SensitiveType.BankCard ? MinimumBankCardShare : MinimumShare;

    private static bool IsHinted(uint hinted, SensitiveType type) => (hinted & (1u << (int)type)) != 0;
}
