@echo off
rem ==========================================================================================
rem collect-activation-evidence.cmd  (vakb, the Volume Activation 2.0 knowledge base)
rem
rem READ-ONLY: this script changes nothing on this computer. It only reads the licensing state
rem (slmgr.vbs /dlv and /xpr), the last KMS events of the Application and Key Management Service
rem logs, the KMS SRV records in DNS and the time offset with the KMS host, and writes them into
rem one text file that you send to your helpdesk.
rem
rem LECTURE SEULE : ce script ne modifie rien sur cet ordinateur. Il lit seulement l'etat des
rem licences (slmgr.vbs /dlv et /xpr), les derniers evenements KMS des journaux Application et
rem Key Management Service, les enregistrements SRV KMS du DNS et le decalage horaire avec
rem l'hote KMS, et les ecrit dans un seul fichier texte a envoyer au support.
rem
rem Runs on Windows Vista, Windows Server 2008, Windows 7 and Windows Server 2008 R2, English or
rem French, without PowerShell. Fonctionne sous Windows Vista, Windows Server 2008, Windows 7 et
rem Windows Server 2008 R2, en anglais ou en francais, sans PowerShell.
rem
rem Usage: collect-activation-evidence.cmd [KMS host] [DNS domain]
rem Without arguments the domain is the user's DNS domain and the host is the one the SRV
rem record names (or the one set with slmgr /skms, read from the registry, never written).
rem
rem Its output format is tests/fixtures/evidence/en-collected-one-machine.txt: the analyzer of
rem the site reads it. Only ASCII in this file, so it reads the same under any code page.
rem ==========================================================================================
setlocal
set "KMSHOST=%~1"
set "DOMAIN=%~2"
set "EVENTS=10"
set "SLMGR=%windir%\system32\slmgr.vbs"
if not defined DOMAIN set "DOMAIN=%USERDNSDOMAIN%"
rem wmic prints CR CR LF: the inner for /f drops the stray CR.
if not defined DOMAIN for /f "tokens=2 delims==" %%a in ('wmic computersystem get domain /value 2^>nul ^| find "="') do for /f "delims=" %%b in ("%%a") do set "DOMAIN=%%b"
set "OUT=%USERPROFILE%\Desktop\activation-evidence-%COMPUTERNAME%.txt"
if not exist "%USERPROFILE%\Desktop\" set "OUT=%TEMP%\activation-evidence-%COMPUTERNAME%.txt"

rem The KMS host: first argument, else the SRV record, else the name set by slmgr /skms.
if not defined KMSHOST for /f "tokens=2 delims==" %%a in ('nslookup -type=srv _vlmcs._tcp.%DOMAIN% 2^>nul ^| find /i "svr hostname"') do if not defined KMSHOST set "KMSHOST=%%a"
if not defined KMSHOST for /f "tokens=3" %%v in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SoftwareProtectionPlatform" /v KeyManagementServiceName 2^>nul ^| find /i "KeyManagementServiceName"') do set "KMSHOST=%%v"
if not defined KMSHOST for /f "tokens=3" %%v in ('reg query "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\SL" /v KeyManagementServiceName 2^>nul ^| find /i "KeyManagementServiceName"') do set "KMSHOST=%%v"
if defined KMSHOST set "KMSHOST=%KMSHOST: =%"

echo Collecting activation evidence... / Collecte des informations d'activation...

>"%OUT%" echo ==== vakb activation evidence, collect-activation-evidence.cmd ====
>>"%OUT%" echo This script only reads the licensing state, logs and DNS; it changes nothing on this computer.
>>"%OUT%" echo Ce script ne fait que lire l'etat des licences, les journaux et le DNS ; il ne modifie rien sur cet ordinateur.
>>"%OUT%" echo Computer name: %COMPUTERNAME%
>>"%OUT%" echo Collected: %DATE% %TIME%
>>"%OUT%" echo DNS domain: %DOMAIN%
>>"%OUT%" echo.

>>"%OUT%" echo ==== slmgr.vbs /dlv ====
cscript //nologo "%SLMGR%" /dlv >>"%OUT%" 2>&1
>>"%OUT%" echo.
>>"%OUT%" echo ==== slmgr.vbs /xpr ====
cscript //nologo "%SLMGR%" /xpr >>"%OUT%" 2>&1
>>"%OUT%" echo.

rem Client events 12288, 12289, 8198 and host events 12292, 12293, 12294 are in the Application
rem log; 12290 is in the Key Management Service log, which exists on KMS hosts only.
>>"%OUT%" echo ==== Application log: events 12288, 12289, 8198, 12292, 12293, 12294 (newest first) ====
wevtutil qe Application /q:"*[System[(EventID=12288 or EventID=12289 or EventID=8198 or EventID=12292 or EventID=12293 or EventID=12294)]]" /c:%EVENTS% /rd:true /f:text >>"%OUT%" 2>&1
>>"%OUT%" echo.
>>"%OUT%" echo ==== Key Management Service log: event 12290 (KMS host only) ====
wevtutil qe "Key Management Service" /q:"*[System[(EventID=12290)]]" /c:%EVENTS% /rd:true /f:text >>"%OUT%" 2>&1
>>"%OUT%" echo.

>>"%OUT%" echo ==== SRV records: nslookup -type=srv _vlmcs._tcp.%DOMAIN% ====
nslookup -type=srv _vlmcs._tcp.%DOMAIN% >>"%OUT%" 2>&1
>>"%OUT%" echo.

if not defined KMSHOST goto nohost
>>"%OUT%" echo ==== Time offset with %KMSHOST%: w32tm /stripchart /samples:1 /dataonly ====
w32tm /stripchart /computer:%KMSHOST% /samples:1 /dataonly >>"%OUT%" 2>&1
goto timedone
:nohost
>>"%OUT%" echo ==== Time offset: no KMS host found; run the script again with the host's name ====
:timedone
>>"%OUT%" echo.
>>"%OUT%" echo ==== end ====

echo.
echo Done. Send this file to your helpdesk / Termine. Envoyez ce fichier au support :
echo %OUT%
endlocal
