Console.WriteLine("x"); public partial class Program { }
