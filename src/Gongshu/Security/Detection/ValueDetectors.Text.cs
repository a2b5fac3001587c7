using System.Buffers;

namespace Gongshu.Security.Detection;

/// <summary>The rules for names, addresses and plates; every value here is already normalized (trimmed, half-width, capitals).</summary>
public static partial class ValueDetectors
{
    // Separators between the parts of a transliterated name: 买买提·艾力, with the look-alikes people type.
    private static readonly SearchValues<char> NameDots = SearchValues.Create("·•・‧.");

    private static readonly SearchValues<char> DivisionSuffixes = SearchValues.Create("省市区县镇乡旗");
    private static readonly SearchValues<char> LocalityMarks = SearchValues.Create("路街道巷弄号栋幢室村组楼");
    private static readonly SearchValues<char> StreetMarks = SearchValues.Create("路街巷弄道村");

    // An address ends in a number, a room, a building, a village or a road; a company, shop or office does not.
    private static readonly SearchValues<char> AddressEndings = SearchValues.Create("号室楼层栋幢座元村组弄巷路街道苑园区里坊庄湾铺户门厦场口桥港居舍寓府城宅墅亭");

    private static readonly SearchValues<char> PlateProvinces = SearchValues.Create("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼");
    private static readonly SearchValues<char> PlateSeparators = SearchValues.Create("·•・ -.");
    private static readonly SearchValues<char> PlateClassMarks = SearchValues.Create("学警挂港澳领试超使");

    // GA 36-2018: D/F first (small) or last (large) for new-energy plates, A–K since the 2021 extension.
    private static readonly SearchValues<char> NewEnergyLetters = SearchValues.Create("ABCDEFGHJK");

    /// <summary>
    /// 姓名: 2–4 Han characters opening with a common surname (<see cref="ChineseSurnames"/>), single
    /// or compound (欧阳, 司马); four characters with a single surname only when the second is one
    /// too (陈李美华). The given name holds none of the characters that end ordinary words, and the
    /// value is not a place (金华, 余杭). Transliterated names (买买提·艾力) need only Han parts
    /// between dots. Two Han characters stay ambiguous on their own; the field decides.
    /// </summary>
    private static bool IsPersonName(ReadOnlySpan<char> value)
    {
        if (value.ContainsAny(NameDots))
        {
            return IsDottedName(value);
        }

        // Forms pad two-character names to the width of three: 王　芳.
        if (value.Length is >= 3 and <= 5 && value[1..^1].IndexOfAnyExcept(' ') < 0)
        {
            return IsPersonName([value[0], value[^1]]);
        }

        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (IsHan(value[i]))
            {
                length++;
            }
            else if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // A rare character beyond the basic plane (U+20000…) is still one character of the name.
                length++;
                i++;
            }
            else
            {
                return false;
            }
        }

        if (length is < 2 or > 4)
        {
            return false;
        }

        int surname;
        if (length >= 3 && ChineseSurnames.IsCompound(value[..2]))
        {
            surname = 2;
        }
        else if (ChineseSurnames.IsSingle(value[0]) && (length < 4 || ChineseSurnames.IsSingle(value[1])))
        {
            surname = 1;
        }
        else
        {
            return false;
        }

        foreach (var c in value[surname..])
        {
            if (!ChineseSurnames.CanBeInGivenName(c))
            {
                return false;
            }
        }

        return length == 4 || !PlaceNames.IsPlace(value);
    }

    private static bool IsDottedName(ReadOnlySpan<char> value)
    {
        var parts = 1;
        var part = 0;
        var han = 0;
        foreach (var c in value)
        {
            if (IsHan(c))
            {
                part++;
                han++;
            }
            else if (part > 0 && NameDots.Contains(c))
            {
                parts++;
                part = 0;
            }
            else
            {
                return false;
            }
        }

        return part > 0 && parts >= 2 && han is >= 3 and <= 20;
    }

    /// <summary>
    /// 地址: 6–100 characters of Han text (digits, letters and -#()/ allowed, no sentence
    /// punctuation), naming a place (a division name at the start, or a Han word ending in
    /// 省/市/区/县/镇/乡/旗 or 街道), then a road, number or building after it (路 街 道 巷 弄 号 栋 幢
    /// 单元 室 村 组 楼), and ending like an address rather than an organization (…号, …室, …村, not …公司).
    /// A division on its own (浙江省杭州市西湖区) is not an address: it is what masking leaves.
    /// </summary>
    private static bool IsAddress(ReadOnlySpan<char> value)
    {
        if (value.Length is < 6 or > 100)
        {
            return false;
        }

        var han = 0;
        foreach (var c in value)
        {
            if (IsHan(c))
            {
                han++;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '#' or '(' or ')' or ' ' or '/' or '·' or '_'))
            {
                return false;
            }
        }

        var last = value[^1];
        if (han < 4 || !(char.IsAsciiLetterOrDigit(last) || last == ')' || AddressEndings.Contains(last)))
        {
            return false;
        }

        var placeEnd = PlaceNames.EndOfPlaces(value, 0);
        for (var i = 1; placeEnd == 0 && i < value.Length - 1; i++)
        {
            if (IsHan(value[i - 1]) && DivisionSuffixes.Contains(value[i]))
            {
                placeEnd = PlaceNames.EndOfPlaces(value, i + 1);
            }
            else if (IsHan(value[i - 1]) && value[i] == '街' && value[i + 1] == '道')
            {
                placeEnd = PlaceNames.EndOfPlaces(value, i + 2);
            }
        }

        if (placeEnd == 0)
        {
            return HasStreetNumber(value);
        }

        var rest = value[placeEnd..];
        return rest.ContainsAny(LocalityMarks) || rest.Contains("单元", StringComparison.Ordinal);
    }

    /// <summary>
    /// An address written without its place, as registers of one community write them: a number
    /// after a road or village (文三路123号, 东山村5组), or a building then a unit or room
    /// (翠苑一区3幢2单元501室, 5号楼302室). A number alone (公告第3号) is not enough.
    /// </summary>
    private static bool HasStreetNumber(ReadOnlySpan<char> value)
    {
        var road = false;
        var building = false;
        for (var i = 1; i < value.Length; i++)
        {
            if (!IsDigit(value[i]))
            {
                road |= IsHan(value[i - 1]) && StreetMarks.Contains(value[i]);
                continue;
            }

            var end = i;
            while (end < value.Length && IsDigit(value[end]))
            {
                end++;
            }

            var mark = end < value.Length ? value[end] : '\0';
            var next = end + 1 < value.Length ? value[end + 1] : '\0';
            if ((road && mark is '号' or '弄' or '组') || (building && (mark == '室' || (mark == '单' && next == '元'))))
            {
                return true;
            }

            building |= mark is '幢' or '栋' or '座' || (mark == '号' && next == '楼');
            i = end;
        }

        return false;
    }

    /// <summary>
    /// 车牌号 (GA 36): a province abbreviation, the issuing office's letter (A–Z without I and O),
    /// an optional separator (· or space), then five letters or digits (at most two letters, or four
    /// and a class mark such as 学 or 警), or six for a new-energy vehicle (D12345, 12345D).
    /// </summary>
    private static bool IsPlateNumber(ReadOnlySpan<char> value)
    {
        if (value.Length is < 7 or > 9 || !PlateProvinces.Contains(value[0]) || !IsPlateLetter(value[1]))
        {
            return false;
        }

        var serial = value[2..];
        if (PlateSeparators.Contains(serial[0]))
        {
            serial = serial[1..];
        }

        if (serial.Length == 6)
        {
            return (NewEnergyLetters.Contains(serial[0]) && IsPlateCharacter(serial[1]) && IsAllDigits(serial[2..]))
                || (IsAllDigits(serial[..5]) && NewEnergyLetters.Contains(serial[5]));
        }

        if (serial.Length != 5)
        {
            return false;
        }

        if (PlateClassMarks.Contains(serial[4]))
        {
            serial = serial[..4];
        }

        var letters = 0;
        foreach (var c in serial)
        {
            if (!IsPlateCharacter(c))
            {
                return false;
            }

            letters += IsDigit(c) ? 0 : 1;
        }

        return letters <= 2;
    }

    private static bool IsPlateLetter(char c) => c is >= 'A' and <= 'Z' and not ('I' or 'O');

    private static bool IsPlateCharacter(char c) => IsDigit(c) || IsPlateLetter(c);

    /// <summary>CJK unified ideographs, extension A and the compatibility block.</summary>
    private static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
}
