using Airadcr.Dicom.Cli;

return CliApp.Run(args, Console.Out, Console.Error);
