using System.Collections.Frozen;
using Gongshu.Directories;

namespace Gongshu.Security.Masking;

/// <summary>
/// 地址 generalized to its county (STANDARDS.md §4: truncate to the district, drop the house
/// number), using the GB/T 2260 names. The address is read from its start as province, city,
/// county, each optional, each under the one before (浙江省杭州市西湖区, 杭州市西湖区, 北京市朝阳区,
/// 浙江省余姚市, 西湖区); provinces and cities may be written short (浙江杭州西湖区). Whatever
/// follows the deepest division recognized is dropped, so a street or a house number never goes
/// out: the result is the county when one is named, else the city, else the province, else
/// nothing (null). County names must be written in full, because short ones (西湖) are often the
/// start of a street or landmark name.
/// </summary>
public static class AddressMasks
{
    private static readonly Lazy<PlaceIndex> Standard = new(() => new PlaceIndex(Divisions.Standard));

    /// <summary>The address cut after its county (or city, or province); null when it starts with no division name.</summary>
    public static string? ToCounty(string address)
    {
        var length = CountyPrefixLength(address);
        return length == 0 ? null : length == address.Length ? address : address[..length];
    }

    /// <inheritdoc cref="ToCounty(string)"/>
    public static string? ToCounty(ReadOnlySpan<char> address)
    {
        var length = CountyPrefixLength(address);
        return length == 0 ? null : new string(address[..length]);
    }

    /// <summary>How many characters of <paramref name="address"/> <see cref="ToCounty(string)"/> keeps; 0 for none.</summary>
    public static int CountyPrefixLength(ReadOnlySpan<char> address) => Standard.Value.PrefixLength(address);

    private sealed record Place(string Name, string Code, string? ParentCode, string ProvinceCode);

    private sealed class PlaceIndex
    {
        private static readonly string[] ProvinceSuffixes = ["壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市"];
        private static readonly string[] CitySuffixes = ["自治州", "地区", "盟", "市"];

        // The peoples named in 自治州 names, stripped to get the short name (延边朝鲜族自治州 → 延边).
        private static readonly string[] Peoples =
            ["朝鲜族", "土家族", "苗族", "藏族", "羌族", "彝族", "布依族", "侗族", "哈尼族", "壮族", "傣族", "白族", "景颇族", "傈僳族", "回族", "蒙古族", "蒙古", "柯尔克孜", "哈萨克"];

        private readonly FrozenDictionary<int, Place[]> _provinces;
        private readonly FrozenDictionary<int, Place[]> _cities;
        private readonly FrozenDictionary<int, Place[]> _counties;

        public PlaceIndex(Divisions divisions)
        {
            var provinces = new List<(string, Place)>();
            var cities = new List<(string, Place)>();
            var counties = new List<(string, Place)>();
            foreach (var province in divisions.Provinces)
            {
                AddWithShortName(provinces, province, ProvinceSuffixes);
                foreach (var city in divisions.Children(province.Code))
                {
                    if (!city.IsGrouping)
                    {
                        AddWithShortName(cities, city, CitySuffixes);
                    }

                    foreach (var county in divisions.Children(city.Code))
                    {
                        counties.Add((county.Name, ToPlace(county)));
                    }
                }
            }

            _provinces = ByFirstTwo(provinces);
            _cities = ByFirstTwo(cities);
            _counties = ByFirstTwo(counties);
        }

        public int PrefixLength(ReadOnlySpan<char> text)
        {
            var start = SkipBlanks(text, 0);
            foreach (var country in (ReadOnlySpan<string>)["中华人民共和国", "中国"])
            {
                if (text[start..].StartsWith(country, StringComparison.Ordinal))
                {
                    start = SkipBlanks(text, start + country.Length);
                    break;
                }
            }

            // Every reading (each level present or not) is tried; the deepest wins, then the longest.
            var (bestLevel, bestEnd) = (0, 0);
            var provinces = Candidates(_provinces, text, start);
            for (var p = -1; p < provinces.Length; p++)
            {
                var province = p < 0 ? null : provinces[p];
                if (province is not null && !Matches(text, start, province))
                {
                    continue;
                }

                var provinceEnd = province is null ? 0 : start + province.Name.Length;
                var cityStart = province is null ? start : SkipBlanks(text, provinceEnd);
                var cities = Candidates(_cities, text, cityStart);
                for (var c = -1; c < cities.Length; c++)
                {
                    var city = c < 0 ? null : cities[c];
                    if (city is not null && (!Matches(text, cityStart, city) || (province is not null && city.ProvinceCode != province.Code)))
                    {
                        continue;
                    }

                    var cityEnd = city is null ? provinceEnd : cityStart + city.Name.Length;
                    var countyStart = city is null ? cityStart : SkipBlanks(text, cityEnd);
                    foreach (var county in Candidates(_counties, text, countyStart))
                    {
                        var under = city is not null ? county.ParentCode == city.Code : province is null || county.ProvinceCode == province.Code;
                        if (under && Matches(text, countyStart, county))
                        {
                            Consider(3, countyStart + county.Name.Length);
                        }
                    }

                    if (city is not null)
                    {
                        Consider(2, cityEnd);
                    }
                }

                if (province is not null)
                {
                    Consider(1, provinceEnd);
                }
            }

            return bestEnd;

            void Consider(int level, int end)
            {
                if (level > bestLevel || (level == bestLevel && end > bestEnd))
                {
                    (bestLevel, bestEnd) = (level, end);
                }
            }
        }

        private static Place ToPlace(Division d) => new(d.Name, d.Code, d.ParentCode, d.ProvinceCode);

        private static void AddWithShortName(List<(string, Place)> places, Division division, string[] suffixes)
        {
            places.Add((division.Name, ToPlace(division)));
            var shortName = division.Name;
            foreach (var suffix in suffixes)
            {
                if (shortName.EndsWith(suffix, StringComparison.Ordinal))
                {
                    shortName = shortName[..^suffix.Length];
                    break;
                }
            }

            for (var stripped = true; stripped && division.Name.EndsWith("自治州", StringComparison.Ordinal);)
            {
                stripped = false;
                foreach (var people in Peoples)
                {
                    if (shortName.Length > people.Length + 1 && shortName.EndsWith(people, StringComparison.Ordinal))
                    {
                        shortName = shortName[..^people.Length];
                        stripped = true;
                    }
                }
            }

            if (shortName.Length >= 2 && shortName != division.Name)
            {
                places.Add((shortName, ToPlace(division) with { Name = shortName }));
            }
        }

        private static FrozenDictionary<int, Place[]> ByFirstTwo(List<(string Name, Place Place)> places)
            => places
                .Where(p => p.Name.Length >= 2)
                .GroupBy(p => Key(p.Name[0], p.Name[1]))
                .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Place).OrderByDescending(p => p.Name.Length).ToArray());

        private static ReadOnlySpan<Place> Candidates(FrozenDictionary<int, Place[]> places, ReadOnlySpan<char> text, int at)
            => at + 1 < text.Length && places.TryGetValue(Key(text[at], text[at + 1]), out var found) ? found : [];

        private static bool Matches(ReadOnlySpan<char> text, int at, Place place) => text[at..].StartsWith(place.Name, StringComparison.Ordinal);

        private static int SkipBlanks(ReadOnlySpan<char> text, int at)
        {
            while (at < text.Length && (text[at] == ' ' || text[at] == '\u3000' || text[at] == '\t'))
            {
                at++;
            }

            return at;
        }

        private static int Key(char first, char second) => first << 16 | second;
    }
}
