namespace Gongshu.Collection.Sources.Excel;

/// <summary>One sheet of a workbook read row by row; rows without a value are passed over.</summary>
internal abstract class SheetRows : IDisposable
{
    public abstract string SheetName { get; }

    /// <summary>The 1-based sheet row number of the current row.</summary>
    public abstract long RowNumber { get; }

    /// <summary>The current row's values by zero-based column.</summary>
    public RowValues Values { get; } = new();

    /// <summary>Moves to the next row that holds at least one value; false at the end of the sheet.</summary>
    public abstract bool MoveNext();

    public abstract void Dispose();
}

/// <summary>A row's values placed by column, reused from row to row.</summary>
internal sealed class RowValues
{
    private object?[] _values = new object?[16];

    /// <summary>One past the last column that holds a value.</summary>
    public int Count { get; private set; }

    public object? this[int column] => column >= 0 && column < Count ? _values[column] : null;

    public void Set(int column, object value)
    {
        if (column >= _values.Length)
        {
            Array.Resize(ref _values, Math.Max(column + 1, _values.Length * 2));
        }

        _values[column] = value;
        Count = Math.Max(Count, column + 1);
    }

    public void Clear()
    {
        Array.Clear(_values, 0, Count);
        Count = 0;
    }
}
