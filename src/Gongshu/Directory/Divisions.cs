using System.Collections.Frozen;

namespace Gongshu.Directories;

/// <summary>The three levels of GB/T 2260 division codes that Gongshu organizations are built on.</summary>
public enum DivisionLevel
{
    Province,
    City,
    County,
}

/// <summary>
/// One administrative division (行政区划), always by its 6-digit code.
/// <see cref="IsGrouping"/> marks the statistical city-level entries that are not a government
/// of their own (北京 110100 市辖区, 河南 419000 省直辖县级行政区划): their counties belong to the province.
/// </summary>
public sealed record Division(string Code, string Name, DivisionLevel Level, string? ParentCode, string ProvinceCode, bool IsGrouping);

/// <summary>
/// The GB/T 2260 list (National Bureau of Statistics, 2023) embedded in the assembly:
/// look up a code, walk to its parent and province, list children.
/// </summary>
public sealed class Divisions
{
    private static readonly Lazy<Divisions> LazyStandard = new(Load);
    private static readonly FrozenSet<string> GroupingNames = FrozenSet.ToFrozenSet(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

    private readonly FrozenDictionary<string, Division> _byCode;
    private readonly FrozenDictionary<string, Division[]> _children;
    private readonly Division[] _provinces;

    private Divisions(IReadOnlyList<Division> divisions)
    {
        _byCode = divisions.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);
        _children = divisions
            .Where(d => d.ParentCode is not null)
            .GroupBy(d => d.ParentCode!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderBy(d => d.Code, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        _provinces = divisions.Where(d => d.Level == DivisionLevel.Province).OrderBy(d => d.Code, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The 2023 list shipped with Gongshu.</summary>
    public static Divisions Standard => LazyStandard.Value;

    public int Count => _byCode.Count;

    /// <summary>The province-level divisions (省、自治区、直辖市), in code order.</summary>
    public IReadOnlyList<Division> Provinces => _provinces;

    /// <summary>True when <paramref name="code"/> is a 6-digit code on the list.</summary>
    public bool IsValid(string? code) => code is { Length: 6 } && _byCode.ContainsKey(code);

    public Division? Find(string? code) => code is { Length: 6 } && _byCode.TryGetValue(code, out var division) ? division : null;

    /// <summary>The division, or a 400 <c>unknown_division</c> naming <paramref name="field"/>.</summary>
    public Division Get(string? code, string field = "divisionCode")
        => Find(code) ?? throw GongshuException.Invalid(field,
            $"'{code}' is not a division code on the GB/T 2260 list (six digits, e.g. 330106 for 西湖区).", "unknown_division");

    public Division? Parent(string code) => Find(code)?.ParentCode is { } parent ? Find(parent) : null;

    public Division? Province(string code) => Find(code) is { } d ? Find(d.ProvinceCode) : null;

    /// <summary>The divisions directly below <paramref name="code"/>, in code order.</summary>
    public IReadOnlyList<Division> Children(string code)
        => _children.TryGetValue(code, out var children) ? children : [];

    /// <summary>The name as written on documents, e.g. 浙江省杭州市西湖区 (grouping levels left out).</summary>
    public string FullName(string code)
    {
        var names = new List<string>();
        for (var d = Find(code); d is not null; d = d.ParentCode is { } p ? Find(p) : null)
        {
            if (!d.IsGrouping)
            {
                names.Add(d.Name);
            }
        }

        names.Reverse();
        return string.Concat(names);
    }

    private static Divisions Load()
    {
        var divisions = new List<Division>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in ReadCsv("provinces.csv"))
        {
            var code = row[0] + "0000";
            seen.Add(code);
            divisions.Add(new Division(code, row[1], DivisionLevel.Province, null, code, false));
        }

        foreach (var row in ReadCsv("cities.csv"))
        {
            var code = row[0] + "00";
            seen.Add(code);
            divisions.Add(new Division(code, row[1], DivisionLevel.City, row[2] + "0000", row[2] + "0000", GroupingNames.Contains(row[1])));
        }

        foreach (var row in ReadCsv("areas.csv"))
        {
            // 东莞市, 中山市 and 儋州市 are listed as both city and county under one code: keep the city.
            if (seen.Add(row[0]))
            {
                divisions.Add(new Division(row[0], row[1], DivisionLevel.County, row[2] + "00", row[3] + "0000", false));
            }
        }

        return new Divisions(divisions);
    }

    /// <summary>Reads one of the embedded files: a header line, then comma-separated rows with quoted names (no commas inside).</summary>
    private static IEnumerable<string[]> ReadCsv(string fileName)
    {
        using var stream = typeof(Divisions).Assembly.GetManifestResourceStream($"divisions/{fileName}")
            ?? throw new InvalidOperationException($"The division list '{fileName}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line.Split(',').Select(v => v.Trim('"')).ToArray();
            }
        }
    }
}
