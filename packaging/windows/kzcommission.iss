; Inno Setup 6 script: a per-user installer of the PyInstaller bundle dist\kzcommission.
;   iscc /DAppVersion=0.1.0 packaging\windows\kzcommission.iss      (see README.md here)
; No administrator is needed: the program goes to %LOCALAPPDATA%\Programs\kzcommission,
; the Start menu entry and the .kzx association to the user's own profile and registry
; (HKCU). The optional "portable" task writes the marker file, so all data is kept in a
; "data" folder beside the program (for a copy on a USB stick, choose the stick as the
; folder). Uninstalling removes the program and the association, never the data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "kzcommission"
#define AppExe "kzcommission.exe"
#define PackageProgId "kzcommission.package"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{C22865C9-2A08-4664-BC0D-7B3CC19219B7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=kzcommission
PrivilegesRequired=lowest
; {autopf} is the per-user Programs folder when the installer runs without elevation.
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
SetupIconFile=..\..\resources\icons\kzcommission.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir=..\..\dist\installer
OutputBaseFilename=kzcommission-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[CustomMessages]
en.PortableTask=Portable: keep all data in a "data" folder beside the program, nothing in the user profile
ru.PortableTask=Портативный режим: все данные в папке "data" рядом с программой, ничего в профиле пользователя
en.AssociateTask=Open exchange packages (.kzx) with kzcommission
ru.AssociateTask=Открывать пакеты обмена (.kzx) в kzcommission
en.PackageType=kzcommission exchange package
ru.PackageType=Пакет обмена kzcommission

[Tasks]
Name: "associate"; Description: "{cm:AssociateTask}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "portable"; Description: "{cm:PortableTask}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program's own folder whole, so no file of an older version
; lingers; data\ and the marker beside it are not in it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\kzcommission\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[INI]
; The portable marker: kzcommission looks only for the file; its content is a note.
Filename: "{app}\kzcommission.portable"; Section: "kzcommission"; Key: "portable"; String: "data is kept in the data folder beside this file"; Tasks: portable

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .kzx -> kzcommission.package, in the user's own classes (HKCU\Software\Classes).
Root: HKCU; Subkey: "Software\Classes\.kzx"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\.kzx\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\icons\kzcommission-package.ico"; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".kzx"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; The marker goes with the program; data\ (the database, backups, settings) stays.
Type: files; Name: "{app}\kzcommission.portable"
