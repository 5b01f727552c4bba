@echo off
rem ==========================================================================================
rem collect-activation-wmi.cmd  (vakb, the Volume Activation 2.0 knowledge base)
rem
rem READ-ONLY: this script changes nothing on any computer. For each computer named in a text
rem file, it reads licensing properties over WMI with wmic /node: ... get (nothing but get):
rem the products that have a key (SoftwareLicensingProduct) and the licensing service
rem (SoftwareLicensingService), into one text file to paste into the site's analyzer, which
rem shows one row per computer.
rem
rem LECTURE SEULE : ce script ne modifie rien sur aucun ordinateur. Pour chaque ordinateur
rem nomme dans un fichier texte, il lit des proprietes de licence par WMI avec wmic /node: ...
rem get (rien d'autre que get) : les produits qui ont une cle (SoftwareLicensingProduct) et le
rem service de licences (SoftwareLicensingService), dans un seul fichier texte a coller dans
rem l'analyseur du site, qui affiche une ligne par ordinateur.
rem
rem Runs from Windows Vista, Windows Server 2008, Windows 7 and Windows Server 2008 R2, English or
rem French, without PowerShell, under an account that is an administrator of the computers it
rem reads (remote WMI; their firewall must let WMI in). Fonctionne sous Windows Vista, Windows
rem Server 2008, Windows 7 et Windows Server 2008 R2, en anglais ou en francais, sans PowerShell,
rem avec un compte administrateur des ordinateurs lus.
rem
rem NOT YET RUN ON WINDOWS by the knowledge base: its output format is the hand-written fixture
rem tests/fixtures/diagnoses/wmi-script-four-machines.txt, which the analyzer's tests read.
rem PAS ENCORE EXECUTE SOUS WINDOWS par la base de connaissances.
rem
rem Usage: collect-activation-wmi.cmd [file of computer names]
rem One name per line; blank lines and lines starting with # are skipped. Without an argument:
rem machines.txt beside this script. Une ligne par nom ; sans argument : machines.txt.
rem Only ASCII in this file, so it reads the same under any code page.
rem ==========================================================================================
setlocal
set "LIST=%~1"
if not defined LIST set "LIST=%~dp0machines.txt"
if not exist "%LIST%" goto nolist
set "OUT=%USERPROFILE%\Desktop\activation-evidence-wmi.txt"
if not exist "%USERPROFILE%\Desktop\" set "OUT=%TEMP%\activation-evidence-wmi.txt"

rem SoftwareLicensingProduct properties every version has, then those Windows 7 and Windows
rem Server 2008 R2 add (asked only of computers whose licensing service is not version 6.0:
rem Vista and 2008 refuse a query that names a property they lack).
set "PRODUCT=Description,GracePeriodRemaining,LicenseStatus,LicenseStatusReason,Name,PartialProductKey"
set "PRODUCT7=DiscoveredKeyManagementServiceMachineName,DiscoveredKeyManagementServiceMachinePort,KeyManagementServicePort"
set "SERVICE=ClientMachineID,IsKeyManagementServiceMachine,KeyManagementServiceCurrentCount,KeyManagementServiceMachine"

echo Reading activation over WMI... / Lecture de l'activation par WMI...
>"%OUT%" echo ==== vakb activation evidence over WMI, collect-activation-wmi.cmd ====
>>"%OUT%" echo This script only reads licensing properties over WMI; it changes nothing on any computer.
>>"%OUT%" echo Ce script ne fait que lire des proprietes de licence par WMI ; il ne modifie rien sur aucun ordinateur.
>>"%OUT%" echo Computer list: %LIST%
>>"%OUT%" echo Collected: %DATE% %TIME%
>>"%OUT%" echo.
for /f "usebackq eol=# tokens=1" %%m in ("%LIST%") do call :one %%m
>>"%OUT%" echo ==== end ====

echo.
echo Done. Paste this file into the analyzer / Termine. Collez ce fichier dans l'analyseur :
echo %OUT%
endlocal
goto :eof

rem ---- one computer: %1 is its name ----------------------------------------------------------
:one
echo %~1
rem The licensing service's version (6.0: Vista or 2008), read and not written; wmic ends its
rem lines with CR CR LF, the inner for /f drops the stray CR.
set "VERSION="
for /f "tokens=2 delims==" %%a in ('wmic /node:"%~1" path SoftwareLicensingService get Version /value 2^>nul ^| find "="') do for /f "delims=" %%b in ("%%a") do set "VERSION=%%b"
if not defined VERSION goto noanswer
set "GET=%PRODUCT%,%PRODUCT7%"
if "%VERSION:~0,4%"=="6.0." set "GET=%PRODUCT%"
>>"%OUT%" echo Computer name: %~1
>>"%OUT%" echo ==== wmic /node:%~1 path SoftwareLicensingProduct where "PartialProductKey is not null" get ... /value ====
wmic /node:"%~1" path SoftwareLicensingProduct where "PartialProductKey is not null" get %GET% /value 2>&1 | more >>"%OUT%"
>>"%OUT%" echo ==== wmic /node:%~1 path SoftwareLicensingService get ... /value ====
wmic /node:"%~1" path SoftwareLicensingService get %SERVICE% /value 2>&1 | more >>"%OUT%"
>>"%OUT%" echo.
goto :eof

:noanswer
rem No version read: the computer did not answer (off, unreachable, WMI blocked by its
rem firewall, or access denied). A banner line, which the analyzer does not list as not read.
>>"%OUT%" echo ==== %~1: no answer over WMI (off, unreachable, WMI blocked or access denied) ====
>>"%OUT%" echo.
goto :eof

:nolist
echo No list of computers: %LIST%
echo Write one computer name per line in that file, or give the file as the first argument.
echo Pas de liste d'ordinateurs : ecrivez un nom par ligne dans ce fichier, ou donnez-le en argument.
endlocal
exit /b 1
