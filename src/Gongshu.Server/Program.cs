Console.WriteLine("gongshu: under construction"); public partial class Program { }
