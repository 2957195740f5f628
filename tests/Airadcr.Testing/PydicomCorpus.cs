namespace Airadcr.Testing;

/// <summary>The real DICOM files shipped in Debian's python3-pydicom: an independent test corpus.</summary>
public static class PydicomCorpus
{
    public const string Directory = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

    /// <summary>Full path of a corpus file, e.g. <c>CT_small.dcm</c>.</summary>
    public static string File(string name)
    {
        var path = Path.Combine(Directory, name);
        return System.IO.File.Exists(path) ? path : throw new MissingToolException(path, "python3-pydicom");
    }
}
