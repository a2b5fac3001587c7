using System.Collections.Concurrent;
using Gongshu.Directories;

namespace Gongshu.Demo;

/// <summary>
/// Addresses written the way Chinese documents write them: the full division name from the
/// GB/T 2260 list, then a street and number, or a residential estate, building, unit and room
/// (浙江省杭州市西湖区文三路123号, 浙江省宁波市鄞州区锦绣花园12幢2单元1503室).
/// </summary>
public static class DemoAddresses
{
    internal static readonly string[] Streets =
    [
        "人民路", "解放路", "中山路", "建设路", "新华路", "文化路", "学院路", "环城北路", "环城西路", "延安路",
        "体育场路", "凤起路", "庆春路", "文三路", "文一西路", "天目山路", "莫干山路", "江南大道", "滨盛路", "市心路",
        "金城路", "四明中路", "天童南路", "中山东路", "江东北路", "世纪大道", "钱江路", "望江路", "湖墅南路", "东方路",
    ];

    private static readonly string[] EstatePrefixes = ["阳光", "金色", "翠苑", "紫金", "和平", "东方", "锦绣", "春江", "西溪", "湖畔", "绿城", "桂花", "丽园", "明珠"];
    private static readonly string[] EstateSuffixes = ["家园", "花园", "新村", "小区", "公寓", "苑"];

    private static readonly ConcurrentDictionary<string, string> FullNames = new(StringComparer.Ordinal);

    /// <summary>A home address in the county <paramref name="divisionCode"/>.</summary>
    public static string Home(Random random, string divisionCode)
    {
        var place = FullName(divisionCode);
        if (random.Next(5) < 2)
        {
            return $"{place}{Streets[random.Next(Streets.Length)]}{random.Next(1, 999)}号";
        }

        var estate = EstatePrefixes[random.Next(EstatePrefixes.Length)] + EstateSuffixes[random.Next(EstateSuffixes.Length)];
        var floor = random.Next(1, 33);
        return $"{place}{estate}{random.Next(1, 40)}幢{random.Next(1, 5)}单元{floor}{random.Next(1, 5):D2}室";
    }

    /// <summary>A business address in the county <paramref name="divisionCode"/>: a street number, often with a floor and room.</summary>
    public static string Business(Random random, string divisionCode)
    {
        var street = $"{FullName(divisionCode)}{Streets[random.Next(Streets.Length)]}{random.Next(1, 999)}号";
        if (random.Next(2) == 0)
        {
            return street;
        }

        var floor = random.Next(1, 24);
        return $"{street}{random.Next(1, 12)}幢{floor}层{floor}{random.Next(1, 20):D2}室";
    }

    /// <summary>The county-level divisions below a province or city, in code order.</summary>
    internal static string[] CountiesOf(string divisionCode)
        => Divisions.Standard.Children(divisionCode)
            .SelectMany(d => d.Level == DivisionLevel.County ? [d.Code] : CountiesOf(d.Code))
            .ToArray();

    private static string FullName(string divisionCode) => FullNames.GetOrAdd(divisionCode, Divisions.Standard.FullName);
}
