namespace Gongshu.Identifiers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): registration authority, entity type, 6-digit division code,
/// 9-character organization code (GB 11714, with its own check), and a check character.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    // Character → value 0–30, 255 for a character outside the alphabet: a lookup, not an IndexOf per character.
    private static readonly byte[] Values = BuildValues();

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < 17)
        {
            return '\0';
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = first17[i];
            var value = c < Values.Length ? Values[c] : 255;
            if (value == 255)
            {
                return '\0';
            }

            sum += value * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    public static bool IsValid(ReadOnlySpan<char> value)
        => value.Length == 18
            && CheckCharacter(value) is var check and not '\0'
            && value[17] == check
            && OrganizationCode.IsValid(value.Slice(8, 9));

    private static byte[] BuildValues()
    {
        var values = new byte[128];
        Array.Fill(values, (byte)255);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (byte)i;
        }

        return values;
    }

    /// <summary>Builds a valid code from an 8-character organization code body.</summary>
    public static string Create(char authority, char entityType, string divisionCode, string organizationBody)
    {
        var organizationCode = organizationBody + OrganizationCode.CheckCharacter(organizationBody);
        var first17 = $"{authority}{entityType}{divisionCode}{organizationCode}";
        return first17 + CheckCharacter(first17);
    }
}

/// <summary>组织机构代码 (GB 11714): 8 characters and a check character (X for 10).</summary>
public static class OrganizationCode
{
    private static readonly int[] Weights = [3, 7, 9, 10, 5, 8, 4, 2];

    public static char CheckCharacter(ReadOnlySpan<char> first8)
    {
        if (first8.Length < 8)
        {
            return '\0';
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return '\0';
            }

            sum += value * Weights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>Accepts <c>M000100Y4</c> and the printed form <c>M000100Y-4</c>.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.Length == 10 && value[8] == '-')
        {
            Span<char> compact = stackalloc char[9];
            value[..8].CopyTo(compact);
            compact[8] = value[9];
            return IsValid(compact);
        }

        return value.Length == 9 && CheckCharacter(value) is var check and not '\0' && value[8] == check;
    }
}
