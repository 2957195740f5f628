using Airadcr.Dicom.Benchmarks;

// Usage: dotnet run -c Release --project bench/Airadcr.Dicom.Benchmarks [-- RUNS]
var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var corpus = FileSets.PydicomCorpus();
var ct = FileSets.SyntheticCt(200);
Console.WriteLine(ReadBenchmark.Report([("pydicom corpus", corpus), ("200 synthetic 512x512 CT", ct)], runs));
