namespace Cross.UserMode.Loading;

/// <summary>Auxiliary vector entry types (AT_*) from include/uapi/linux/auxvec.h.</summary>
public static class AuxVector
{
    public const ulong AtNull = 0, AtIgnore = 1, AtExecFd = 2, AtPhdr = 3, AtPhent = 4, AtPhnum = 5, AtPagesz = 6, AtBase = 7,
        AtFlags = 8, AtEntry = 9, AtNotElf = 10, AtUid = 11, AtEuid = 12, AtGid = 13, AtEgid = 14, AtPlatform = 15,
        AtHwcap = 16, AtClktck = 17, AtSecure = 23, AtBasePlatform = 24, AtRandom = 25, AtHwcap2 = 26, AtExecfn = 31,
        AtSysinfoEhdr = 33, AtMinsigstksz = 51;
}
