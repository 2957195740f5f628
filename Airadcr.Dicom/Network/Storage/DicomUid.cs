namespace Airadcr.Dicom.Network.Storage;

/// <summary>UID syntax (PS3.5 9.1): 1-64 characters, digits and dots, no empty or zero-led component. A UID that
/// passes is safe as a file name.</summary>
public static class DicomUid
{
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64)
        {
            return false;
        }

        foreach (var component in uid.Split('.'))
        {
            if (component.Length == 0 || (component.Length > 1 && component[0] == '0') || !component.All(char.IsAsciiDigit))
            {
                return false;
            }
        }

        return true;
    }
}
