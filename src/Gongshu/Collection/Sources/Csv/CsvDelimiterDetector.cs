namespace Gongshu.Collection.Sources.Csv;

/// <summary>
/// Finds a CSV file's delimiter from its first lines: the candidate that appears, outside quotes,
/// in the first line and the same number of times in most of the lines after it.
/// </summary>
public static class CsvDelimiterDetector
{
    /// <summary>The delimiters looked for, in the order a tie is settled.</summary>
    public static IReadOnlyList<char> Candidates { get; } = [',', '\t', ';', '|'];

    /// <summary>What a file without any candidate in its first line is read with.</summary>
    public const char Default = ',';

    private const int SampleRecords = 20;

    /// <param name="text">The start of the file.</param>
    /// <param name="isWholeFile">False when <paramref name="text"/> may end inside a record, which is then not counted.</param>
    public static char Detect(ReadOnlySpan<char> text, bool isWholeFile)
    {
        var best = Default;
        var bestConsistency = 0.0;
        var bestWidth = 0;
        Span<int> counts = stackalloc int[SampleRecords];
        foreach (var candidate in Candidates)
        {
            var records = Count(text, candidate, isWholeFile, counts);
            if (records == 0 || counts[0] == 0)
            {
                continue;
            }

            var consistency = (double)counts[..records].Count(counts[0]) / records;
            if (consistency > bestConsistency || (consistency == bestConsistency && counts[0] > bestWidth))
            {
                (best, bestConsistency, bestWidth) = (candidate, consistency, counts[0]);
            }
        }

        return best;
    }

    // Counts the delimiters of each of the first records (blank lines skipped) as a reader using it would.
    private static int Count(ReadOnlySpan<char> text, char delimiter, bool isWholeFile, Span<int> counts)
    {
        var records = 0;
        var delimiters = 0;
        var blank = true;
        var fieldStart = true;
        var quoted = false;
        for (var i = 0; i < text.Length && records < counts.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
            }
            else if (c == '\n')
            {
                if (!blank)
                {
                    counts[records++] = delimiters;
                }

                (delimiters, blank, fieldStart) = (0, true, true);
            }
            else if (c == delimiter)
            {
                (delimiters, blank, fieldStart) = (delimiters + 1, false, true);
            }
            else if (c != '\r')
            {
                quoted = c == '"' && fieldStart;
                blank = false;
                fieldStart = false;
            }
        }

        if (isWholeFile && !blank && !quoted && records < counts.Length)
        {
            counts[records++] = delimiters;
        }

        return records;
    }
}
