namespace Airadcr.Dicom.Network.Pdus;

/// <summary>Item and sub-item types of the A-ASSOCIATE PDUs (PS3.8 9.3.2, PS3.7 annex D).</summary>
internal enum ItemType : byte
{
    ApplicationContext = 0x10,
    PresentationContextRequest = 0x20,
    PresentationContextAccept = 0x21,
    AbstractSyntax = 0x30,
    TransferSyntax = 0x40,
    UserInformation = 0x50,
    MaxLength = 0x51,
    ImplementationClassUid = 0x52,
    AsyncOperationsWindow = 0x53,
    RoleSelection = 0x54,
    ImplementationVersionName = 0x55,
}
