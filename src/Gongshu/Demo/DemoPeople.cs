using Gongshu.Identifiers;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Made-up residents of Zhejiang for the demo 人口 dataset: a name, a valid 18-digit 身份证号 from
/// a real county code and birth date, the sex that the number's sequence digit states, an 11-digit
/// mobile number and a home address in that county. The same seed gives the same rows.
/// </summary>
public static class DemoPeople
{
    public const string ResourceKey = "demo.people";

    /// <summary>Birth dates are counted back from this fixed day, so the rows never depend on today.</summary>
    public static readonly DateOnly ReferenceDate = new(2025, 1, 1);

    public static IReadOnlyList<DatasetColumn> Columns { get; } =
    [
        new("name", FieldType.Character, 20, Nullable: false),
        new("sex", FieldType.Character, 1, Nullable: false),
        new("id_number", FieldType.Character, 18, Nullable: false),
        new("birth_date", FieldType.Date, Nullable: false),
        new("mobile", FieldType.Character, 11),
        new("division_code", FieldType.Character, 6, Nullable: false),
        new("address", FieldType.Character, 100),
    ];

    // Prefixes handed out by the three carriers (and 19x) that a real number starts with.
    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
        "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
        "185", "186", "187", "188", "189", "191", "193", "195", "198", "199",
    ];

    private static readonly Lazy<string[]> Counties = new(() => DemoAddresses.CountiesOf("330000"));

    /// <summary>
    /// Streams <paramref name="count"/> people. Identity numbers are unique within one call
    /// (a set of the numbers drawn so far is kept, 8 bytes per row).
    /// </summary>
    public static IEnumerable<object?[]> Generate(int count, int seed = 2026)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var counties = Counties.Value;
        var issued = new HashSet<long>(count);
        for (var i = 0; i < count; i++)
        {
            var male = random.Next(2) == 0;
            var county = counties[random.Next(counties.Length)];
            DateOnly birthDate;
            string idNumber;
            do
            {
                birthDate = ReferenceDate.AddDays(-random.Next(18 * 365, 85 * 365));

                // GB 11643: the sequence is odd for men, even for women.
                idNumber = IdentityNumber.Create(county, birthDate, (random.Next(500) * 2) + (male ? 1 : 0));
            }
            while (!issued.Add(long.Parse(idNumber.AsSpan(0, 17), System.Globalization.CultureInfo.InvariantCulture)));

            yield return
            [
                ChineseNames.Next(random, male),
                male ? "男" : "女",
                idNumber,
                birthDate,
                MobilePrefixes[random.Next(MobilePrefixes.Length)] + random.Next(100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                county,
                DemoAddresses.Home(random, county),
            ];
        }
    }
}
