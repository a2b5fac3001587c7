namespace Gongshu.Identifiers;

/// <summary>
/// 居民身份证号 (GB 11643-1999): 6-digit division code, birth date YYYYMMDD, 3-digit sequence
/// (odd for men), and a check character over the first 17 digits.
/// </summary>
public static class IdentityNumber
{
    private const string CheckCharacters = "10X98765432";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character for the first 17 digits, or '\0' if they are not digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < 17)
        {
            return '\0';
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if ((uint)digit > 9)
            {
                return '\0';
            }

            sum += digit * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>True when the number has 18 characters, a real birth date and the right check character.</summary>
    public static bool IsValid(ReadOnlySpan<char> value) => IsValid(value, out _);

    /// <inheritdoc cref="IsValid(ReadOnlySpan{char})"/>
    public static bool IsValid(ReadOnlySpan<char> value, out DateOnly birthDate)
    {
        birthDate = default;
        if (value.Length != 18)
        {
            return false;
        }

        var check = CheckCharacter(value);
        var last = value[17];
        return check != '\0' && (last == check || (check == 'X' && last == 'x')) && TryBirthDate(value, out birthDate);
    }

    public static bool TryBirthDate(ReadOnlySpan<char> value, out DateOnly birthDate)
    {
        birthDate = default;
        if (value.Length < 14)
        {
            return false;
        }

        // Digit arithmetic rather than int.TryParse: a data-quality check runs this on every row of a load.
        var year = Digits(value.Slice(6, 4));
        var month = Digits(value.Slice(10, 2));
        var day = Digits(value.Slice(12, 2));
        if (year < 1850 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        return true;
    }

    // The decimal value of an all-digit span, or -1.
    private static int Digits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }

    /// <summary>Builds a valid number; <paramref name="sequence"/> 0–999 (odd = male).</summary>
    public static string Create(string divisionCode, DateOnly birthDate, int sequence)
    {
        if (divisionCode.Length != 6 || sequence is < 0 or > 999)
        {
            throw new ArgumentException("A division code has 6 digits and the sequence is 0–999.");
        }

        var first17 = $"{divisionCode}{birthDate:yyyyMMdd}{sequence:D3}";
        return first17 + CheckCharacter(first17);
    }
}
