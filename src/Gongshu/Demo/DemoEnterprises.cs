using System.Globalization;
using Gongshu.Directories;
using Gongshu.Identifiers;
using Gongshu.Storage;

namespace Gongshu.Demo;

/// <summary>
/// Made-up companies in Hangzhou and Ningbo for the demo 法人 dataset: a valid, unique
/// 统一社会信用代码 of the registering county, a name such as 杭州恒瑞网络科技有限公司, the legal
/// representative, registered capital in 万元, establishment date, industry (GB/T 4754 大类),
/// status and address. The same seed gives the same rows.
/// </summary>
public static class DemoEnterprises
{
    public const string ResourceKey = "demo.enterprises";

    public const int MaxCount = 100_000;

    public static IReadOnlyList<DatasetColumn> Columns { get; } =
    [
        new("credit_code", FieldType.Character, 18, Nullable: false),
        new("name", FieldType.Character, 100, Nullable: false),
        new("enterprise_type", FieldType.Character, 40),
        new("legal_representative", FieldType.Character, 20),
        new("registered_capital", FieldType.Currency),
        new("established_on", FieldType.Date),
        new("industry", FieldType.Character, 40),
        new("status", FieldType.Character, 10),
        new("division_code", FieldType.Character, 6, Nullable: false),
        new("address", FieldType.Character, 100),
    ];

    // Credit codes replaced organization codes from 2015-10-01: older companies keep a numeric one.
    private static readonly DateOnly CreditCodeStart = new(2015, 10, 1);
    private static readonly DateOnly EarliestEstablished = new(1995, 1, 1);
    private const string CodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private const string TradeNameCharacters = "华恒鑫瑞达博创信诚泰盛安康源腾宏远新锐智联云海天星辰嘉德丰和美";

    private static readonly (string Term, string Industry)[] Lines =
    [
        ("科技", "软件和信息技术服务业"), ("网络科技", "互联网和相关服务"), ("电子商务", "零售业"),
        ("贸易", "批发业"), ("建设工程", "土木工程建筑业"), ("餐饮管理", "餐饮业"), ("物流", "道路运输业"),
        ("生物医药", "医药制造业"), ("新材料", "化学原料和化学制品制造业"), ("机械制造", "通用设备制造业"),
        ("文化传媒", "文化艺术业"), ("纺织", "纺织业"), ("服饰", "纺织服装、服饰业"), ("汽车零部件", "汽车制造业"),
    ];

    private static readonly decimal[] Capitals = [10, 30, 50, 100, 100, 200, 300, 500, 500, 1000, 2000, 5000, 10000];

    private static readonly Lazy<string[]> Counties = new(() => [.. DemoAddresses.CountiesOf("330100"), .. DemoAddresses.CountiesOf("330200")]);

    /// <summary>
    /// Streams <paramref name="count"/> companies. Codes and names are unique within one call;
    /// the trade names run out somewhere above <see cref="MaxCount"/>.
    /// </summary>
    public static IEnumerable<object?[]> Generate(int count, int seed = 2026)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var random = new Random(seed);
        var counties = Counties.Value;
        var names = new HashSet<string>(count, StringComparer.Ordinal);
        var span = DemoPeople.ReferenceDate.DayNumber - EarliestEstablished.DayNumber;
        for (var i = 0; i < count; i++)
        {
            var county = counties[random.Next(counties.Length)];
            var established = EarliestEstablished.AddDays(random.Next(span));
            var (term, industry) = Lines[random.Next(Lines.Length)];
            var joint = random.Next(8) == 0;
            string name;
            var attempt = 0;
            do
            {
                // Two-character trade names first, as most are; three once the short ones clash.
                name = $"{Prefix(county)}{TradeName(random, attempt++ == 0 ? 2 : 3)}{term}{(joint ? "股份有限公司" : "有限公司")}";
            }
            while (!names.Add(name));

            yield return
            [
                Code(county, i, seed, established),
                name,
                joint ? "股份有限公司(非上市、自然人投资或控股)" : random.Next(4) == 0 ? "有限责任公司(自然人独资)" : "有限责任公司(自然人投资或控股)",
                ChineseNames.Next(random, male: random.Next(4) != 0),
                Capitals[random.Next(Capitals.Length)],
                established,
                industry,
                random.Next(20) switch { 0 => "注销", 1 => "吊销", _ => "存续" },
                county,
                DemoAddresses.Business(random, county),
            ];
        }
    }

    /// <summary>
    /// 9 (market regulator) 1 (enterprise), the county, then an organization code made from the row
    /// number by a bijection, so no two rows share a code: numeric for companies older than credit
    /// codes, the Zhejiang MA2… form for newer ones.
    /// </summary>
    private static string Code(string county, int row, int seed, DateOnly established)
    {
        // The multiplier is prime to 10 and to 31, so row → code is one-to-one below 10^7 rows.
        var mixed = ((long)row * 7_919_333) + 12_345_678 + (seed & 0xFFFF);
        if (established < CreditCodeStart)
        {
            return CreditCode.Create('9', '1', county, (mixed % 100_000_000).ToString("D8", CultureInfo.InvariantCulture));
        }

        Span<char> body = stackalloc char[8];
        "MA2".CopyTo(body);
        var value = mixed % 28_629_151; // 31^5
        for (var i = 7; i >= 3; i--)
        {
            body[i] = CodeAlphabet[(int)(value % 31)];
            value /= 31;
        }

        return CreditCode.Create('9', '1', county, body.ToString());
    }

    // A district's companies carry the city's name, a county's or county-level city's its own.
    private static string Prefix(string county)
    {
        var division = Divisions.Standard.Get(county);
        var named = division.Name.EndsWith('区') ? Divisions.Standard.Get(division.ParentCode) : division;
        return named.Name[..^1];
    }

    private static string TradeName(Random random, int length)
    {
        Span<char> name = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            do
            {
                name[i] = TradeNameCharacters[random.Next(TradeNameCharacters.Length)];
            }
            while (name[..i].Contains(name[i]));
        }

        return name.ToString();
    }
}
