using System.Collections.Frozen;
using Gongshu.Directories;

namespace Gongshu.Security.Detection;

/// <summary>
/// The names of the GB/T 2260 divisions as people write them, in full (杭州市, 西湖区) and without
/// the level (杭州, 西湖, 浙江, 内蒙古): an address may start with one, and a two-character place
/// (金华, 余杭) is not a person's name.
/// </summary>
internal static class PlaceNames
{
    // 黔东南苗族侗族自治州 and the like.
    private const int LongestName = 12;

    private static readonly Lazy<FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>> Names = new(Load);

    public static bool IsPlace(ReadOnlySpan<char> value) => Names.Value.Contains(value);

    /// <summary>
    /// Where the run of place names from <paramref name="start"/> ends (浙江省杭州市西湖区…, 台州市路桥区…),
    /// each taken longest first; <paramref name="start"/> when none starts there.
    /// </summary>
    public static int EndOfPlaces(ReadOnlySpan<char> value, int start)
    {
        var end = start;
        for (var found = true; found;)
        {
            found = false;
            for (var length = Math.Min(LongestName, value.Length - end); length >= 2 && !found; length--)
            {
                if (Names.Value.Contains(value.Slice(end, length)))
                {
                    end += length;
                    found = true;
                }
            }
        }

        return end;
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Load()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Division>(Divisions.Standard.Provinces);
        while (pending.TryPop(out var division))
        {
            foreach (var child in Divisions.Standard.Children(division.Code))
            {
                pending.Push(child);
            }

            if (division.IsGrouping)
            {
                continue;
            }

            var name = division.Name;
            names.Add(name);
            var cut = name.IndexOf("特别行政区", StringComparison.Ordinal) is > 0 and var special ? special
                : name.EndsWith("地区", StringComparison.Ordinal) ? name.Length - 2
                : name.Length >= 3 && name[^1] is '省' or '市' or '区' or '县' or '旗' or '盟' && !name.Contains("自治", StringComparison.Ordinal) ? name.Length - 1
                : 0;
            if (cut >= 2)
            {
                names.Add(name[..cut]);
            }
        }

        // The autonomous regions go by the place alone; prefectures' and counties' ethnic names are too varied to cut.
        names.UnionWith(["内蒙古", "广西", "西藏", "宁夏", "新疆"]);
        return names.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
